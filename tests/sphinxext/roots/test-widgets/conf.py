extensions = ["analytic_reader.sphinxext.widgets"]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def setup(app):
    # What myst-nb does on a page with widgets: the saved state as a script in the page's head.
    app.add_js_file(None, type=WIDGET_STATE, body='{"state": {"m1": {"value": "</script><b>x</b>"}}}')
