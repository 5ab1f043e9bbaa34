from docutils import nodes
from sphinx.util.docutils import SphinxDirective

extensions = ["myst_nb", "analytic_reader.sphinxext.sections"]  # as the book parses Markdown
nb_execution_mode = "off"


class GeneratedMarkdown(SphinxDirective):
    """Its content parsed as MyST inside the directive, as myst-nb's ``glue:md`` does."""

    has_content = True

    def run(self):
        holder = nodes.Element()
        renderer = self.state._renderer
        with renderer.current_node_context(holder):
            renderer.nested_render_text("\n".join(self.content), self.lineno)
        return holder.children


def setup(app):
    app.add_directive("generated-md", GeneratedMarkdown)
