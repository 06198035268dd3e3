"""A number beyond a column's range, compared with an integer column, reached SQLite's driver,
which overflowed (OverflowError, a 500). Django bounds only the exact and range lookups of
integer fields; the same bound here covers ``in`` and the lookups through a foreign key
(``managing_body_id=2**70``): a value the column cannot hold matches nothing."""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _fits(lookup, connection, value) -> bool:
    """Whether ``value`` fits the integer column the lookup compares with (True if not one)."""
    field = lookup.lhs.output_field
    target = getattr(field, "target_field", field)
    try:
        low, high = connection.ops.integer_field_range(target.get_internal_type())
    except KeyError:  # not an integer column
        return True
    if not isinstance(value, int):
        return True
    return (low is None or value >= low) and (high is None or value <= high)


class _BoundedIn:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            self.rhs = [value for value in self.rhs if _fits(self, connection, value)]
        return super().process_rhs(compiler, connection)


class _BoundedExact:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not _fits(self, connection, self.rhs):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


@IntegerField.register_lookup
class IntegerFieldIn(_BoundedIn, In):
    pass


@ForeignObject.register_lookup
class BoundedRelatedIn(_BoundedIn, RelatedIn):
    pass


@ForeignObject.register_lookup
class BoundedRelatedExact(_BoundedExact, RelatedExact):
    pass
