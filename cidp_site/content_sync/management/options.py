"""The options every content command shares, so --check, --dry-run and --content-dir mean the same
thing in sync_content, export_content and assign_short_codes (only their help says what each does)."""


def add_content_options(parser, *, check: str, dry_run: str, content_dir: str = "read") -> None:
    parser.add_argument("--check", action="store_true", help=check)
    parser.add_argument("--dry-run", action="store_true", help=dry_run)
    parser.add_argument(
        "--content-dir",
        help=f"Folder to {content_dir} instead of the CONTENT_DIR setting (default: content/).",
    )
