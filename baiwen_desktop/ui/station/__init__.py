"""The trainee's screens: home, login, confirmation, exam window, result."""
