"""The `surat` plugin's pages: issuing, the archive, letter types and numbering, public verification."""

from typing import Annotated

from litestar.enums import RequestEncodingType
from litestar.params import Body

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
