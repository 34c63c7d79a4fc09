"""Path converters that keep archive day URLs in one canonical, zero-padded form."""


class _ZeroPadded:
    width: int

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.width}d}"


class FourDigitYear(_ZeroPadded):
    regex = "[0-9]{4}"
    width = 4


class TwoDigits(_ZeroPadded):
    regex = "[0-9]{2}"
    width = 2
