"""The trainee's workbook, « Mon carnet de plaidoyer » (issue 20): reflection answers and worksheets
filled from structured templates (`courses.worksheets`), read by their owner and the trainers, and
exported to PDF and DOCX (`rendering.py`)."""
