"""baiwen_desktop.files: reading and writing trainers' spreadsheets (XLSX, CSV). No Qt, no SQL."""
