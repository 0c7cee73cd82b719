"""The blocks a trainer composes lessons with. Each renders with its own template in blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .knowledge.blocks import FundingSourceBlock, VerifiedFactBlock

INLINE_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", _("Section")), ("h3", _("Sub-section"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        max_length=250,
        required=False,
        help_text=_("What the image shows, for screen readers. Leave empty if it is decorative."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("label"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document to download")
        template = "blocks/document.html"


class VideoBlock(blocks.StructBlock):
    video = DocumentChooserBlock(
        label=_("video file"), help_text=_("An MP4 or WebM file uploaded as a document.")
    )
    poster = ImageChooserBlock(label=_("poster image"), required=False)
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)
    transcript = blocks.RichTextBlock(label=_("transcript"), features=INLINE_FEATURES, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("key_idea", _("Key idea")),
            ("definition", _("Definition")),
            ("tip", _("Tip")),
            ("warning", _("Warning")),
        ],
        default="key_idea",
    )
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("text"), features=INLINE_FEATURES)

    class Meta:
        icon = "pick"
        label = _("Callout")
        template = "blocks/callout.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation or testimony"))
    attribution = blocks.CharBlock(label=_("attribution"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote or testimony")
        template = "blocks/quote.html"


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    context = blocks.RichTextBlock(label=_("context"), features=INLINE_FEATURES)
    question = blocks.TextBlock(label=_("question to think about"))
    asks_for_answer = blocks.BooleanBlock(
        label=_("ask for an answer"),
        required=False,
        help_text=_("Trainees answer the question below the lesson; the answer goes to their workbook."),
    )

    class Meta:
        icon = "help"
        label = _("Case study")
        template = "blocks/case_study.html"


class ReadingLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=250)
    url = blocks.URLBlock(label=_("address"))
    source = blocks.CharBlock(label=_("source"), max_length=200, required=False)


class FurtherReadingBlock(blocks.StructBlock):
    links = blocks.ListBlock(ReadingLinkBlock(), label=_("links"))

    class Meta:
        icon = "link"
        label = _("Further reading")
        template = "blocks/further_reading.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("answer"), features=INLINE_FEATURES)


class FaqBlock(blocks.StructBlock):
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "list-ul"
        label = _("Questions and answers")
        template = "blocks/faq.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=INLINE_FEATURES, template="blocks/paragraph.html"
    )
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    case_study = CaseStudyBlock()
    further_reading = FurtherReadingBlock()
    faq = FaqBlock()
    verified_fact = VerifiedFactBlock()
    funding_source = FundingSourceBlock()
