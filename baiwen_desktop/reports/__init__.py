"""baiwen_desktop.reports"""
