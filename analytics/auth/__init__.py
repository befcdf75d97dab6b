"""Access control: who may open what (roles), how people sign in (modes), the team scope applied in
the query layer, and the audit log. See docs/security.md."""
from analytics.auth.roles import ROLES, Role, can_open, role_of
from analytics.auth.users import User

__all__ = ["ROLES", "Role", "User", "can_open", "role_of"]
