"""百问百查考试系统 (baiwen_desktop): offline exam station for power-utility training."""

__version__ = "0.1.0"
