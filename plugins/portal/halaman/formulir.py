"""How the admin pages receive forms."""

from __future__ import annotations

from typing import Annotated, Any

from litestar.enums import RequestEncodingType
from litestar.params import Body

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


def texts(data: dict) -> dict[str, str]:
    """The text fields of a multipart form (uploads left out)."""
    return {k: v for k, v in data.items() if isinstance(v, str)}
