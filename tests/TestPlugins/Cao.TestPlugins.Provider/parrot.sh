#!/usr/bin/env bash
# parrot: the smallest agent CLI: a prompt, and each line answered as "PARROT: <line>".
set -u
while true; do
  printf 'parrot> '
  IFS= read -r line || exit 0
  case "$line" in
    /exit) exit 0 ;;
    "") ;;
    *) sleep 0.1; printf 'PARROT: %s\n' "$line" ;;
  esac
done
