"""The households list and the dialogs that add or change a household, member, income, case or visit."""
