from django import template

from mutualis.sharing.loan_documents import days_label

register = template.Library()
register.filter("days", days_label)
