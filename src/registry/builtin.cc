#include "registry/builtin.h"

#include "core/embedded.h"
#include "core/system_error.h"

namespace kartla {

// Defined by the kartla_registry_data library (cmake/embed.cmake).
std::span<const EmbeddedFile> RegistryDataFiles();

namespace {

std::string_view EmbeddedText(std::string_view path) {
  for (const EmbeddedFile& file : RegistryDataFiles()) {
    if (file.path == path) return file.contents;
  }
  throw SystemError("the program was built without " + std::string(path));
}

Category Fixed(const char* code, LocalizedText label) {
  return Category{code, std::move(label), std::nullopt};
}

std::vector<Dimension> FinnishDimensions() {
  std::vector<Dimension> dims;
  dims.push_back(MakeKindDimension());
  dims.push_back(MakeRegionDimension({"Maakunta", "Landskap", "Region"}));
  dims.push_back(MakeAttributeDimension(
      "major_region", {"Suuralue", "Storområde", "Major region"}, "major_region_code", {},
      {Fixed("FI1B", {"Helsinki-Uusimaa", "Helsingfors-Nyland", "Helsinki-Uusimaa"}),
       Fixed("FI1C", {"Etelä-Suomi", "Södra Finland", "Southern Finland"}),
       Fixed("FI19", {"Länsi-Suomi", "Västra Finland", "Western Finland"}),
       Fixed("FI1D", {"Pohjois- ja Itä-Suomi", "Norra och Östra Finland",
                      "Northern and Eastern Finland"}),
       Fixed("FI20", {"Ahvenanmaa", "Åland", "Åland"})}));
  dims.push_back(MakeAttributeDimension(
      "language", {"Kielisyys", "Språkstatus", "Language status"}, "language",
      {},
      {Fixed("fi", {"suomenkielinen", "finskspråkig", "Finnish-speaking"}),
       Fixed("fi+sv", {"kaksikielinen, suomenkielinen enemmistö",
                       "tvåspråkig, finskspråkig majoritet",
                       "bilingual, Finnish majority"}),
       Fixed("sv+fi", {"kaksikielinen, ruotsinkielinen enemmistö",
                       "tvåspråkig, svenskspråkig majoritet",
                       "bilingual, Swedish majority"}),
       Fixed("sv", {"ruotsinkielinen", "svenskspråkig", "Swedish-speaking"})}));
  dims.push_back(MakeAttributeDimension(
      "urban_rural", {"Kuntaryhmä", "Kommungrupp", "Urban–rural group"},
      "urban_rural", {},
      {Fixed("urban", {"kaupunkimaiset kunnat", "stadskommuner", "urban"}),
       Fixed("semi-urban",
             {"taajaan asutut kunnat", "tätortskommuner", "semi-urban"}),
       Fixed("rural",
             {"maaseutumaiset kunnat", "landsbygdskommuner", "rural"})}));
  dims.push_back(MakeAttributeDimension(
      "wellbeing_county",
      {"Hyvinvointialue", "Välfärdsområde", "Wellbeing services county"},
      "wellbeing_county_code", {"wellbeing_county_fi", "", ""}));
  return dims;
}

std::vector<Dimension> SwedishDimensions() {
  return {MakeKindDimension(), MakeRegionDimension({"Lääni", "Län", "County"})};
}

std::vector<BuiltinRegistry> MakeBuiltins() {
  std::vector<BuiltinRegistry> all;

  BuiltinRegistry fi;
  fi.name = "fi-2025";
  fi.description = "Finland's 308 municipalities on 2025-01-01";
  fi.file = "data/registry/fi-municipalities-2025.csv";
  fi.as_of = Date(2025, 1, 1);
  fi.options.kind = OrganisationKind::kMunicipality;
  fi.options.columns = {{"population", "population_2022"}};
  fi.dimensions = FinnishDimensions();
  fi.has_population = true;
  fi.outside_mainland_regions = {"21"};
  fi.major_regions = {{"01", "FI1B"}, {"02", "FI1C"}, {"05", "FI1C"}, {"07", "FI1C"},
                      {"08", "FI1C"}, {"09", "FI1C"}, {"04", "FI19"}, {"06", "FI19"},
                      {"13", "FI19"}, {"14", "FI19"}, {"15", "FI19"}, {"10", "FI1D"},
                      {"11", "FI1D"}, {"12", "FI1D"}, {"16", "FI1D"}, {"17", "FI1D"},
                      {"18", "FI1D"}, {"19", "FI1D"}, {"21", "FI20"}};
  fi.text = EmbeddedText(fi.file);
  all.push_back(std::move(fi));

  BuiltinRegistry se;
  se.name = "se";
  se.description = "Sweden's 290 municipalities, by county (no population)";
  se.file = "data/registry/se-municipalities.csv";
  se.options.kind = OrganisationKind::kMunicipality;
  se.options.columns = {{"region_code", "county_code"},
                        {"region_sv", "county_sv"}};
  se.dimensions = SwedishDimensions();
  se.text = EmbeddedText(se.file);
  all.push_back(std::move(se));
  return all;
}

}  // namespace

std::span<const BuiltinRegistry> BuiltinRegistries() {
  static const std::vector<BuiltinRegistry> kAll = MakeBuiltins();
  return kAll;
}

const BuiltinRegistry* FindBuiltinRegistry(std::string_view name) {
  for (const BuiltinRegistry& builtin : BuiltinRegistries()) {
    if (builtin.name == name) return &builtin;
  }
  return nullptr;
}

}  // namespace kartla
