"""The PySide6 desktop program.  Only this package imports Qt; it calls services only.

Where to find things: ``app.py`` starts everything, ``main_window.py`` holds the window,
``donation_form.py`` records, ``donations_view.py``/``donations_model.py`` list,
``status_bar.py``, ``settings_dialog.py``, ``idle_lock.py``, ``login_dialog.py``,
``first_run_dialog.py``, ``workers.py`` (threads) and ``printing/`` (preview and print).
"""
