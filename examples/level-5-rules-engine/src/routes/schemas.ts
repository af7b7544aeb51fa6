import Joi from 'joi';

const scope3Category = Joi.string().valid('business_travel', 'employee_commuting', 'waste', 'upstream_transport', 'downstream_transport');

export const submissionSchema = Joi.object({
  netZeroTargetYear: Joi.number().integer().min(2020).max(2100).required(),
  baselineYear: Joi.number().integer().min(1990).required(),
  baselineEmissionsTco2e: Joi.number().min(0).required(),
  scope1Tco2e: Joi.number().min(0).required(),
  scope2Tco2e: Joi.number().min(0).required(),
  scope3Categories: Joi.array().items(scope3Category).unique().required(),
  reportingStandard: Joi.string().max(100),
  reportingPeriodEnd: Joi.string().isoDate().required(),
  reductionMeasures: Joi.array().items(Joi.string().max(500)).max(50).required(),
  signedOffByDirector: Joi.boolean().required(),
  signedOffBy: Joi.object({ fullName: Joi.string().max(200).required(), jobTitle: Joi.string().max(200).required() }).required(),
  publishedOnWebsite: Joi.boolean().required(),
  planUrl: Joi.string().uri({ scheme: ['https'] }),
});

export const createAssessmentSchema = Joi.object({
  supplierId: Joi.string().max(64).required(),
  procurementReference: Joi.string().max(64).required(),
  submission: submissionSchema.required(),
});

export const idParams = Joi.object({ id: Joi.string().guid().required() });
