"""Background jobs: long work (imports, exports, bulk PDFs, sync) in a separate worker process, with progress."""
