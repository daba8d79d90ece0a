"""baiwen_desktop.core"""
