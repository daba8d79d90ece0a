"""The trainer console (培训管理员/监考), behind the admin login."""
