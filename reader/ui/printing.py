"""Ctrl+P: Qt's print dialog, then the comparison painted onto the chosen printer in the very
layout of the PDF export (reader.export.pdf does the painting for both)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reader.export.pdf import MARGINS_MM, print_comparison
from reader.store.records import StoryComparison


def choose_printer(parent: QWidget) -> QPrinter | None:
    """Ask the reader for a printer (A4 with the PDF's margins to start from); None when the
    dialog is cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF(MARGINS_MM),
                                      QPageLayout.Unit.Millimeter))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print Comparison")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_to(printer: QPrinter, doc: StoryComparison) -> int:
    """Print the annotated comparison; the number of pages printed."""
    return print_comparison(doc, datetime.now(UTC), printer, printer.resolution())
