"""The image upload form refuses a decompression bomb with a form error.

Wagtail reads an uploaded image's size through Pillow, which raises DecompressionBombError (an
error page) for an image of more than twice `PIL.Image.MAX_IMAGE_PIXELS` pixels, before Wagtail's
own limit (WAGTAILIMAGES_MAX_IMAGE_PIXELS) can answer with a message. Set as
WAGTAILIMAGES_IMAGE_FORM_BASE.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL.Image import DecompressionBombError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class BombSafeImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except DecompressionBombError as error:
            raise ValidationError(
                _(
                    "This image has too many pixels to be processed safely (at most %(max_pixels)s). "
                    "Reduce its dimensions and upload it again."
                ),
                code="file_too_many_pixels",
                params={"max_pixels": self.max_image_pixels},
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Wagtail built the field from the settings of this request (size and pixel limits);
            # it only gains the check above.
            field.__class__ = BombSafeImageField
