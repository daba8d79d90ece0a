"""baiwen_desktop.services"""
