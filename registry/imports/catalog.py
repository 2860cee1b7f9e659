"""The resources the registry imports and exports, by the short name used in URLs and commands."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ResourceEntry:
    name: str
    label: str
    path: str  # dotted path of the resource class
    ministry_only: bool

    @property
    def resource_class(self):
        from django.utils.module_loading import import_string

        return import_string(self.path)


RESOURCES = {
    entry.name: entry
    for entry in [
        ResourceEntry("provinces", _("Provinsi"), "registry.geo.resources.ProvinceResource", True),
        ResourceEntry("regencies", _("Kabupaten/kota"), "registry.geo.resources.RegencyResource", True),
        ResourceEntry("agencies", _("Instansi"), "registry.agencies.resources.AgencyResource", True),
        ResourceEntry("memberships", _("Keanggotaan"), "registry.agencies.resources.MembershipResource", True),
        ResourceEntry("innovations", _("Inovasi"), "registry.innovations.resources.InnovationResource", False),
        ResourceEntry("replications", _("Proyek replikasi"), "registry.replication.resources.ReplicationProjectResource", True),
    ]
}


def resource_entry(name: str) -> ResourceEntry:
    try:
        return RESOURCES[name]
    except KeyError:
        raise LookupError(name) from None
