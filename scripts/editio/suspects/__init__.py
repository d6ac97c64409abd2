"""suspects"""
