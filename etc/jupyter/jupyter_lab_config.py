"""JupyterLab as ``make lab`` starts it: no news feed, no update check (no pop-ups asking)."""

c = get_config()  # noqa: F821 (defined by Jupyter when it loads this file)

c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
