"""The site's moderation configuration as every comment post reads it.

Every comment post reads the site's settings, the services' policies, the
insult hold band in force and the id of the model the site learned. They are
kept in the (shared) cache and dropped whenever one is saved
(:func:`config_forget`, connected in ``ModerationConfig.ready()``); the timeout
bounds staleness from changes no signal sees (a service moved in the tree).
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail.models import Site

from .models import HoldBand, ModerationSettings, ServicePolicy, SiteModel

CONFIG_KEY = "moderation:config"
CONFIG_SECONDS = 300


@dataclass(frozen=True)
class SiteConfig:
    """The default site's settings, policies by service path, band and model."""

    settings: ModerationSettings
    policies: dict[str, str] = field(default_factory=dict)
    band: HoldBand | None = None
    site_model_id: int | None = None

    @property
    def insult_hold(self) -> float:
        """Return the insult hold threshold in force: the band, within the settings."""
        floor, reject = self.settings.insult_hold, self.settings.insult_reject
        hold = self.band.hold if self.band is not None else floor
        return min(max(hold, floor), reject)


def site_config() -> SiteConfig:
    """Return the default site's :class:`SiteConfig` (cached)."""
    config = cache.get(CONFIG_KEY)
    if config is None:
        config = _load()
        cache.set(CONFIG_KEY, config, CONFIG_SECONDS)
    return config


def _load() -> SiteConfig:
    site = Site.objects.filter(is_default_site=True).first()
    policies = dict(
        ServicePolicy.objects.values_list("service__path", "policy").order_by()
    )
    band = HoldBand.objects.filter(site=site).first() if site else None
    active = SiteModel.objects.filter(active=True).values_list("pk", flat=True)
    return SiteConfig(ModerationSettings.for_site(site), policies, band, active.first())


def moderation_settings(*, site: Site | None = None) -> ModerationSettings:
    """Return the moderation settings of ``site`` (default: the default site)."""
    if site is None:
        return site_config().settings
    return ModerationSettings.for_site(site)


def config_forget(**kwargs) -> None:
    """Drop the cached configuration (a ``post_save`` / ``post_delete`` receiver)."""
    cache.delete(CONFIG_KEY)
