"""The sync page: sending parts to the county and taking its publications."""
