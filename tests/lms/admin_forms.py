"""What a browser would post back from a Wagtail admin form, read from the rendered page."""

from bs4 import BeautifulSoup


def form_data(html: str, *, form_id: str = "page-edit-form", action: str = "") -> dict:
    """Every named field of the form with its current value (checked boxes only; no buttons).

    The form is found by its id, or by a part of its action URL when `action` is given."""
    soup = BeautifulSoup(html, "html.parser")
    if action:
        form = next((f for f in soup.find_all("form") if action in (f.get("action") or "")), None)
    else:
        form = soup.find("form", id=form_id)
    assert form is not None, f"no form #{form_id or action} on the page"
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = [o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data
