"""Find an imported story's image on disk and store it as a Wagtail image.

Nothing is downloaded: a WordPress attachment is looked for under the
folders given (``--media-root``, then the export file's folder), by its
``_wp_attached_file`` path and by the path of its URL, with and without
``wp-content/uploads``. A path that would leave those folders is never
followed. A file already stored (same SHA-1) is reused, so a re-run adds no
copy.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files.images import ImageFile, get_image_dimensions
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from .report import ImportFailure
from .wxr import WxrItem

UPLOADS = ("", "uploads", "wp-content/uploads")


def _relative_paths(attachment: WxrItem) -> list[str]:
    """Return the paths the attachment's file may have below a media folder."""
    found = []
    attached = attachment.meta.get("_wp_attached_file", "")
    if attached:
        found += [f"{prefix}/{attached}".lstrip("/") for prefix in UPLOADS]
    url_path = unquote(urlsplit(attachment.attachment_url).path).lstrip("/")
    if url_path:
        found.append(url_path)
        if "wp-content/uploads/" in url_path:
            tail = url_path.split("wp-content/uploads/", 1)[1]
            found += [f"{prefix}/{tail}".lstrip("/") for prefix in UPLOADS]
        found.append(Path(url_path).name)
    return list(dict.fromkeys(found))


def attachment_file_find(*, attachment: WxrItem, bases: list[Path]) -> Path | None:
    """Return the local file of ``attachment`` under one of ``bases``, or None."""
    for base in bases:
        root = base.resolve()
        for relative in _relative_paths(attachment):
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
    return None


def attachment_describe(attachment: WxrItem) -> str:
    """Return how the export names the attachment's file, for a warning."""
    return (
        attachment.meta.get("_wp_attached_file")
        or attachment.attachment_url
        or f"attachment {attachment.post_id}"
    )


def image_from_file(*, path: Path, title: str):
    """Return the Wagtail image of the file at ``path``, storing it if new."""
    Image = get_image_model()
    with path.open("rb") as handle:
        digest = hash_filelike(handle)
        existing = Image.objects.filter(file_hash=digest).first()
        if existing is not None:
            return existing
        handle.seek(0)
        width, _height = get_image_dimensions(handle)
        if not width:
            raise ImportFailure(f"{path.name} is not an image that can be read")
        handle.seek(0)
        image = Image(
            title=(title or path.stem)[:255], file=ImageFile(handle, path.name)
        )
        image._set_image_file_metadata()
        image.save()
    return image
