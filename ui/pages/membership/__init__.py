"""The Membership page: which force areas have signed up to the network (list, filters,
detail, map, chase list) and its dialog."""

from .page import MembershipPage

__all__ = ["MembershipPage"]
