from django.db import models


class PublishedDashboard(models.Model):
    """A dashboard's figures as the refresh task last computed them (``selectors.refresh``),
    served as they are: no visitor's request computes figures. The payload is the pickled
    ``selectors.Dashboard``, zlib-compressed; only the task writes it."""

    # format:campagne:région:département:secteur (selectors.key)
    key = models.CharField("clé", max_length=80, primary_key=True)
    computed_at = models.DateTimeField("calculé le")
    payload = models.BinaryField("chiffres")

    class Meta:
        verbose_name = "tableau de bord calculé"
        verbose_name_plural = "tableaux de bord calculés"

    def __str__(self) -> str:
        return self.key
