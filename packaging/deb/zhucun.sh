#!/bin/sh
# /usr/bin/zhucun: the command line of the program installed in /opt/zhucun; no arguments opens the window.
exec /opt/zhucun/zhucun "$@"
