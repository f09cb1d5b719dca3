"""Source documents as instructors have them: plain text, Markdown, web pages and PDFs.

Each format has a reader module that turns a file's bytes into the same model
(model.py): blocks of clean text (headings, paragraphs, list items, table rows)
with their place in the document. The deck loader grounds quotes in the blocks'
text, and everything that shows a passage shows that clean text and its place.
The reader is chosen by the file's suffix (readers.py).
"""
