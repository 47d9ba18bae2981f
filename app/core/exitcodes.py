"""Exit status of every command, the device's and the county's, as the README documents it:
done, refused, invalid input."""
EXIT_OK, EXIT_REFUSED, EXIT_INVALID = 0, 2, 3
