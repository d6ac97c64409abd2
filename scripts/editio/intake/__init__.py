"""intake: reading a work. source (the files of source/<work>/, checked: front matter,
UTF-8, the witness's checksum), markup (the inline apparatus read into typed Emendation and
PageBreak records, numbered once, malformed spans refused at their line), scaffold and
project_init (`editio new`, `editio init`). Only the stages up to the edition import it: the
writers take what they need from the Edition.
"""
