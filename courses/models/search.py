"""What site search reads: each page's words per language, folded by home.text.search_words, and
the words met so far, among which a mistyped query word finds its closest spellings."""

from django.db import models


class SearchText(models.Model):
    """A page's title and whole text in one language as search words, each with a space before and
    after it (" word "), so that a word or a word's beginning is a plain substring."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=7)
    title = models.TextField()
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_search_text_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} ({self.language})"


class SearchWord(models.Model):
    """A word of the indexed pages, in one language: the candidates for a mistyped query word."""

    language = models.CharField(max_length=7)
    word = models.CharField(max_length=100)
    length = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="one_search_word")]
        indexes = [models.Index(fields=["language", "length"], name="search_word_by_length")]

    def __str__(self) -> str:
        return self.word
