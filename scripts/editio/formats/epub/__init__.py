"""formats/epub"""
