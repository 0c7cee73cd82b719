// "Copy" buttons of the weekly summary: copies the text of the textarea named by data-copy-target.
// Without JavaScript the text stays selectable in its read-only box.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const box = document.getElementById(button.dataset.copyTarget);
  if (!box) return;
  box.select();
  const done = () => {
    button.textContent = button.dataset.copiedLabel;
  };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(box.value).then(done, () => document.execCommand("copy") && done());
  } else if (document.execCommand("copy")) {
    done();
  }
});
