"""The trainee's practice screens: login, mode chooser, questions with feedback, reader, progress, mock exam."""
