"""baiwen_desktop.cli"""
