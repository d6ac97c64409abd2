"""commands: what the CLI runs beyond a build's stages: scheduler (`editio build`: works
and formats on every core), check (`editio check`), preview (the live HTML page), depfile
(what each build read, for make).
"""
