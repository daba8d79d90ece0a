"""baiwen_desktop.ui"""
