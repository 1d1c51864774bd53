"""The banner over the form that says today is closed and where new records go.

A day closed early (the coordinator counted the box at four) does not stop the desk: a
donor who comes later is recorded on the next open day.  The person at the desk must see
that before they hand over a receipt dated tomorrow, so it is a coloured banner, not a
status-bar line that fades.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from station_app.services.station_status import StationStatus


class DayBanner(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("day_banner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "background: #fff4e5; color: #8a4b00; border: 1px solid #f0c36d; padding: 6px;"
        )
        self.hide()

    def show_status(self, status: StationStatus) -> None:
        self.setVisible(status.today_closed)
        if status.today_closed:
            self.setText(
                self.tr("Today ({0}) is closed. New records go to {1}.").format(
                    status.today, status.business_day
                )
            )
