"""Receipt preview, print and save-as-PDF: the only place the UI handles receipt PDFs.

The PDF comes from the receipt service (reportlab); Qt only paints its pages
(QtPdf) onto a QPrinter, so the paper the donor gets is exactly the archived PDF.
"""
