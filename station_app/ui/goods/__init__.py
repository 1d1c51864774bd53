"""The desk's goods area (物资, issue 18): stock list, movements, stock-take."""
