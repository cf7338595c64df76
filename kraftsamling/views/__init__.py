"""What each page says in words: one module per page (`karta` for pages/karta.py, ...), the
tables' columns, sentences and notes, computed from frames without Streamlit. The charts are in
kraftsamling.charts, the page layout in pages/."""
