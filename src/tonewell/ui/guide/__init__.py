"""The guided session in the window: check-in and check-out, the prompt panel, the controller."""
