"""baiwen_desktop.store"""
