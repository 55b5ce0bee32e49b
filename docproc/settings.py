"""Settings, built once at an entry point (CLI, web app, worker) and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Deployment configuration; ``DOCPROC_`` prefix, plus ``REDIS_URL`` and ``DATABASE_URL``."""

    model_config = SettingsConfigDict(env_prefix="DOCPROC_", frozen=True, extra="ignore", populate_by_name=True)

    data_dir: Path = Path("./var")
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "DOCPROC_REDIS_URL")
    )
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "DOCPROC_DATABASE_URL")
    )
    policy_file: Path | None = None
    ocr_engine: str = "rapidocr"
    ocr_timeout: float = 120.0
    ocr_memo: bool = False  # remember OCR answers by image under data_dir/ocr-memo
    render_dpi: int = 200
    max_upload_bytes: int = 100 * 1024 * 1024
    max_pages: int = 300
    max_image_pixels: int = 60_000_000
    zip_max_members: int = 500
    zip_max_total_bytes: int = 500 * 1024 * 1024
    zip_max_ratio: int = 200
    job_timeout: int = 900
    job_retries: int = 3
    job_retry_intervals: list[int] = [5, 30, 120]
    queue_name: str = "docproc"
    secret_key: str = "dev-only-change-me"
    # Data keys (url-safe base64, 32 bytes; newest first, comma-separated) for sealing stored files and
    # personal fields; or a file holding them one per line. Neither: a development key under data_dir.
    data_key: SecretStr | None = None
    data_key_file: Path | None = None

    @property
    def blob_dir(self) -> Path:
        """Where content-addressed blobs live."""
        return self.data_dir / "blobs"

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file used when no DATABASE_URL is set."""
        return (self.data_dir / "docproc.sqlite3").resolve()

    @property
    def ocr_memo_dir(self) -> Path:
        """Where remembered OCR answers live (when ``ocr_memo`` is on)."""
        return self.data_dir / "ocr-memo"

    @property
    def db_url(self) -> str:
        """SQLAlchemy URL: DATABASE_URL, else SQLite under the data directory."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://") :]
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg2://" + url[len("postgresql://") :]
            return url
        return f"sqlite:///{self.sqlite_path}"
