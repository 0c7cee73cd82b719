"""Demo content loaded from the editable files in `data/` by `manage.py load_demo`."""
