"""Two-factor login for staff: an authenticator app (TOTP) plus recovery codes.

Built on django-otp (docs/decisions/0002-staff-two-factor.md): its devices
check the codes (throttled, never twice); this package adds the admin pages
to enroll, verify and disable, and the middleware that keeps a session which
gave only the password out of the admin.
"""
