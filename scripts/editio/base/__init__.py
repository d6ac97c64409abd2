"""base: what every stage stands on, and nothing above it (tests/test_layout.py checks).

errors (editio's exceptions, each with its exit code), project (the project's folders,
profiles, file names), textfile (read_text: strict UTF-8, LF), pandoc and pandoc_ast (the one
parser and its JSON AST), spans (the markup's vocabulary: which span is an emendation, a page
or column break), outputs (atomic writes, the user's cache), sandbox (documents kept inert
and inside the project).
"""
